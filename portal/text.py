"""Text as people type it: one rule for every form, public or staff."""

from __future__ import annotations

import re
from typing import Any

# Control characters (other than tab and line feed) and Unicode noncharacters: nobody types them on
# purpose; echoed back into a page they make it invalid HTML, and PostgreSQL refuses a NUL in text.
UNTYPABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def lf(value: Any) -> Any:
    """CRLF (and a lone CR) to LF, so one line break is one character as the on-screen count says;
    untypable control characters dropped. Anything but a string passes through."""
    if isinstance(value, str):
        return UNTYPABLE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value
