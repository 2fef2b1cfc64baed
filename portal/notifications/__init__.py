"""The outbox: messages queued in the same transaction as the change that causes them, sent later.

``portal.notifications.outbox.queue`` adds a row; ``flask notifications send`` (cron) sends what is
waiting through SMTP. Email is at-least-once: every message has a stable ``Message-ID`` so a retry
after a crash is recognisable. Bodies never carry a child's data: see ``templates/emails/``.
"""
