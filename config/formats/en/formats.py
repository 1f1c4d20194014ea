"""The English interface reads dates as the Vietnamese one does (day first): the records, the documents
they come from and the people typing them are the same."""

from config.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401
