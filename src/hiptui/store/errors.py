"""The store's one error type, on its own so that modules needing only it (settings, the
app's start-up, ``hiptui status``) import nothing else: not the records, not the content
models (:attr:`StoreError.problem` imports those when asked)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from hiptui.content.models import Problem


class StoreError(OSError):
    """A problem with a file the store reads or writes, told as ``path: what is wrong``.

    An ``OSError`` (``filename`` is the path, ``strerror`` the message), so code that already
    handles failed file operations handles these too.
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
        self.filename = path
        self.strerror = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def __reduce__(self) -> tuple[type[StoreError], tuple[str, str]]:
        return (type(self), (self.path, self.message))

    @property
    def problem(self) -> Problem:
        from hiptui.content.models import Problem

        return Problem(self.path, None, self.message)
