"""Running the portal on several hosts: the malware scanner's client (``clamd``), backups and restores
(``backup``), the health check (``health``) and their ``flask`` commands (``cli``).

Like the other packages of operations, this one imports none of its modules here: import the one you
need (``from portal.hosting import clamd``).
"""
