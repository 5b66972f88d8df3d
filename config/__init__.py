"""Settings, catalogue and theme.

One process-wide choice is made here, the first package every entry point imports (app, pages, command line,
renderer, tests): pandas keeps text columns as Python strings (``mode.string_storage = "python"``) instead of
pyarrow arrays. The dtype is the same ``str`` and so are the values; what changes is the cost of selecting and
sorting rows. Published frames are small (tens to thousands of rows) and are filtered, sorted and reindexed many
times on the way to a page: each such step on a pyarrow-backed column cost a call into pyarrow's kernels, about a
fifth of a millisecond, and they added up to a third of the run of a page asking a new question (issue 20; see
docs/benchmarks.md).
"""

import pandas as _pd

_pd.options.mode.string_storage = "python"
