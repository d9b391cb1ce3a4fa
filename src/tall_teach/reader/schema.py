"""Typed access to YAML settings: every wrong key or type becomes an error at its line."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from tall_teach.reader.diagnostics import Collector, did_you_mean
from tall_teach.reader.yamlsafe import YNode, describe


class Fields:
    """One YAML mapping being validated: `path`, a label for messages, the collector."""

    def __init__(self, node: YNode, path: str, label: str, collector: Collector) -> None:
        self.node = node
        self.path = path
        self.label = label
        self.collector = collector

    def error(self, node: YNode, message: str) -> None:
        self.collector.error(self.path, node.key_line or node.line, message)

    def check_keys(self, allowed: Sequence[str]) -> None:
        """Unknown keys are errors at their line, with the nearest valid key suggested."""
        for key, value in self.node.value.items():
            if key not in allowed:
                self.collector.error(
                    self.path,
                    value.key_line,
                    f"unknown key '{key}' in {self.label}{did_you_mean(key, allowed)}"
                    f" (valid keys: {', '.join(allowed)})",
                )

    def text(self, key: str, default: str = "", required: bool = False) -> str:
        node = self.node.get(key)
        if node is None:
            if required:
                self.collector.error(
                    self.path, self.node.line, f"{self.label} needs '{key}': add '{key}: ...'"
                )
            return default
        return self.scalar_text(node, f"'{key}'") or default

    def scalar_text(self, node: YNode, what: str) -> str | None:
        value = node.value
        if isinstance(value, str):
            return value
        if isinstance(value, bool) and node.raw:
            return node.raw  # YAML 1.1 reads Yes/No/on/off as booleans; the author meant words
        if isinstance(value, int | float):
            return node.raw or str(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        if value is None:
            self.error(node, f"{what} is empty: write its text after the ':'")
        elif isinstance(value, dict):
            # "- Describe the atmosphere: pressure and density" reads as a mapping in YAML
            self.error(node, f"{what} must be text, not a mapping: a colon followed by a space "
                             "starts one in YAML; put the text in quotes (\"…: …\") or "
                             "write the colon as a dash")
        else:
            self.error(node, f"{what} must be text, not {describe(value)}")
        return None

    def text_list(self, key: str, what: str, allow_single: bool = True) -> tuple[str, ...]:
        """A list of text; a single text value is accepted as a one-item list."""
        node = self.node.get(key)
        if node is None:
            return ()
        if isinstance(node.value, str) and allow_single:
            return (node.value,)
        if not isinstance(node.value, list):
            self.error(node, f"'{key}' must be a list of {what}, not {describe(node.value)}")
            return ()
        items = []
        for item in node.value:
            text = self.scalar_text(item, f"each item of '{key}'")
            if text is not None:
                items.append(text)
        return tuple(items)

    def choice(self, key: str, choices: Sequence[str], default: str) -> str:
        node = self.node.get(key)
        if node is None:
            return default
        if node.value not in choices:
            near = did_you_mean(str(node.value), choices)
            self.error(
                node,
                f"'{key}' must be one of {', '.join(choices)}, not {node.value!r}{near}",
            )
            return default
        return str(node.value)

    def integer(
        self, key: str, default: int, low: int | None = None, high: int | None = None
    ) -> int:
        node = self.node.get(key)
        if node is None:
            return default
        value = node.value
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(node, f"'{key}' must be a whole number, not {describe(value)}")
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
            self.error(node, f"'{key}' must be {bounds}, not {value}")
            return default
        return value

    def mapping(self, key: str, label: str) -> Fields | None:
        node = self.node.get(key)
        if node is None:
            return None
        if not node.is_mapping:
            self.error(node, f"'{key}' must be a mapping of settings, not {describe(node.value)}")
            return None
        return Fields(node, self.path, label, self.collector)
