class XAPIError(Exception):
    """A request the LRS refuses; `status` is the HTTP status the spec asks for."""

    status = 400

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class ValidationError(XAPIError):
    status = 400


class Conflict(XAPIError):
    status = 409


class PreconditionFailed(XAPIError):
    status = 412


class NotFound(XAPIError):
    status = 404


class Forbidden(XAPIError):
    status = 403


class Unauthorized(XAPIError):
    status = 401


class MethodNotAllowed(XAPIError):
    status = 405

    def __init__(self, method: str, *, allowed: set[str]):
        super().__init__(f"{method} is not allowed here")
        self.allowed = allowed
