"""The outbox: messages queued in the same transaction as the change that causes them, sent later.

``portal.notifications.outbox.queue`` adds a row, what it needs sealed (``sealing``); ``flask
notifications send`` (cron) or ``flask notifications worker`` claims each waiting message and sends it
through SMTP (``sender``), on any number of hosts. Only a crash between sending and recording repeats a
message, with the same ``Message-ID``. Bodies never carry a child's data: see ``templates/emails/``.
"""
