from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from voorop.accounts.models import User

    Actor = User | Any
else:
    Actor = Any
