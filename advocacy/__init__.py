"""The advocates' area: an advocate sees only the cases assigned to them (deny by default)."""

from advocacy import views  # noqa: F401  (importing a view module puts its routes on bp)
from advocacy.blueprint import bp

__all__ = ["bp"]
