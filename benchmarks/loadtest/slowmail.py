"""A file mail backend that takes as long as an SMTP conversation (for faults.py)."""

import time

from django.core.mail.backends.filebased import EmailBackend

HANDSHAKE = 0.05  # seconds before the message is accepted
CLOSING = 0.1  # seconds after it was accepted (QUIT, closing TLS)


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(HANDSHAKE)
        sent = super().send_messages(email_messages)
        time.sleep(CLOSING)
        return sent
