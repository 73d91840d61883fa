"""A file mail backend that takes as long as an SMTP conversation (for faults.py).

Timed like Django's SMTP backend: connecting (and TLS) when the connection opens, the
message accepted when it is written, QUIT and closing TLS when the connection closes. A
caller that opens the connection itself (voorop.core.mail.deliver) learns that the message
was accepted before the connection is closed, as with SMTP's 250 reply to DATA.
"""

import time

from django.core.mail.backends.filebased import EmailBackend

HANDSHAKE = 0.05  # seconds before the message is accepted (connect, EHLO, TLS)
CLOSING = 0.1  # seconds after it was accepted (QUIT, closing TLS)


class SlowFileBackend(EmailBackend):
    def open(self):
        opened = super().open()
        if opened:
            time.sleep(HANDSHAKE)
        return opened

    def close(self):
        was_open = self.stream is not None
        super().close()
        if was_open:
            time.sleep(CLOSING)
