"""Settings of the fault test's server: the load test's, with mail as slow as a real SMTP
server's, so the task worker can be killed mid-task (after the message went out, before
the task was marked done: the moment that loses or doubles an e-mail)."""

from loadtest_settings import *  # noqa: F403

MAILERS = {
    "default": {
        "BACKEND": "slowmail.SlowFileBackend",
        "OPTIONS": MAILERS["default"]["OPTIONS"],  # noqa: F405 (EMAIL_URL=file://...)
    }
}
