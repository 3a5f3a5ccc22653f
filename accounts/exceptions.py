class AccountsError(Exception):
    """Base class for errors the accounts services raise on purpose."""


class ResetCodeInvalid(AccountsError):
    """The SMS code is wrong, used or expired."""
