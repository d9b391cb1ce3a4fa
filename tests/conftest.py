"""What every test needs from the process it runs in."""

from __future__ import annotations

import signal

# A suite started in the background (`nohup make test &`, a script's `&`) inherits SIGINT
# ignored, and Python then installs no KeyboardInterrupt handler, in pytest's workers and
# in every build they start. The Ctrl+C tests need it delivered: restore Python's handler
# (on exec a handled signal goes back to its default, so the builds get it too).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
