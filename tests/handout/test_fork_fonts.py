"""A forked process keeps the font configurations it inherits, whoever forked it."""

from __future__ import annotations

import os

import pytest


def test_every_forked_child_keeps_the_shared_fonts_it_inherits(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from tall_teach.htmlkit import pdf

    shared = {("css",): ("fetcher", "config", [])}
    monkeypatch.setattr(pdf, "_SHARED", shared)
    monkeypatch.setattr(pdf, "_INHERITED", [])
    pid = os.fork()
    if pid == 0:  # the child: kept before anything of its own ran
        kept = pdf._INHERITED
        os._exit(0 if kept == [shared] else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert pdf._INHERITED == []  # not in the parent
