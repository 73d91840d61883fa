"""Settings of the load-tested server: production settings plus the bare baseline view.

The baseline (``/__bare__/``) runs in the same server processes, through the same middleware,
so the ratio page / bare measures what a page adds, whatever the machine's speed.
"""

from voorop.settings.production import *  # noqa: F403

ROOT_URLCONF = "loadtest_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
