"""Fast pickling for the frozen, slotted dataclasses the builder's records are.

For such a class ``dataclasses`` adds a ``__getstate__`` and ``__setstate__`` that call
``fields()`` for every object. While serving, a rebuild pickles tens of thousands of records
(the keys of what it reuses, the corpus it sends the workers), and those calls were about a
third of the pickling. ``fast_pickle`` gives the class a plain pair reading the same fields in
the same order, so the pickles are the same.
"""
from __future__ import annotations

import operator
from dataclasses import fields


def fast_pickle(cls):
    names = tuple(f.name for f in fields(cls))
    get = operator.attrgetter(*names)
    single = len(names) == 1

    def __getstate__(self):
        return [get(self)] if single else list(get(self))

    def __setstate__(self, state):
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls
