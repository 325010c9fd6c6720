"""The domain's exception types.

Every error the domain raises for bad input derives from ``DomainError`` (itself a
``ValueError``) so callers can catch one type; the message always says what valid
input looks like.
"""


class DomainError(ValueError):
    """Bad input to a domain function; the message names the valid forms."""


class InvalidSymbol(DomainError):
    """A string is not any symbol form the domain understands."""


class UnknownRoot(DomainError):
    """A futures root is not in the contract registry."""


class UnknownCalendar(DomainError):
    """A calendar name is neither ``nyse``, ``cme`` nor a known futures root."""


class DateOutOfRange(DomainError):
    """A date lies outside the range the calendars are defined for."""
