"""Put a journey's effort into its Allure test result, while the test still runs.

Reads one JourneyResult: score, points and outcome as parameters, labels, each
friction as a step with its evidence and screenshot, the transcript and the
HTTP exchanges (already redacted by the channels) as attachments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import allure

from ..effort import excerpt
from ..effort.result import JourneyResult
from .allure_files import allure_labels
from .shown import score_text
from .time_trends import time_text


def decorate(
    result: JourneyResult,
    *,
    reports_dir: Path,
) -> None:
    """Put the journey on its Allure test; screenshots are read under `reports_dir`."""
    # Excluded from Allure's history id: a journey whose score changed is the same test,
    # so its trend stays one line.
    allure.dynamic.parameter("CES score", score_text(result), excluded=True)
    allure.dynamic.parameter("effort points", f"{result.points:g}", excluded=True)
    allure.dynamic.parameter("outcome", result.outcome, excluded=True)
    allure.dynamic.parameter("customer steps", str(result.steps), excluded=True)
    allure.dynamic.parameter("persona", result.persona.get("name", ""), excluded=True)
    allure.dynamic.parameter("customer time", time_text(result), excluded=True)
    allure.dynamic.parameter(
        "lost time s",
        f"{result.lost_time_s:g}" if result.walked else "—",
        excluded=True,
    )
    for name, value in allure_labels(result):
        allure.dynamic.label(name, value)
    for friction in result.frictions:
        title = (
            f"Friction {friction.kind} (-{friction.points:g} points):"
            f" {friction.evidence}"
        )
        with allure.step(excerpt(title, 300)):
            details = {
                "kind": friction.kind,
                "step": friction.step_text,
                "where": friction.where,
                "evidence": friction.evidence,
                "excerpt": friction.excerpt,
                "lost_time_s": friction.lost_time_s,
            }
            allure.attach(
                json.dumps(details, indent=2, ensure_ascii=False),
                "evidence",
                allure.attachment_type.JSON,
            )
            screenshot = (
                reports_dir / friction.screenshot if friction.screenshot else None
            )
            if screenshot is not None and screenshot.is_file():
                allure.attach.file(
                    str(screenshot), "screenshot", *_image_type(screenshot)
                )
    if result.why_not_7 and result.walked:
        lines = [f"{p.score:4.2f}  {p.what}" for p in result.why_not_7]
        allure.attach(
            f"score {result.score:.1f}: why not 7\n" + "\n".join(lines),
            "why not 7",
            allure.attachment_type.TEXT,
        )
    if result.time_operators and result.walked:
        allure.attach(_time_text(result), "customer time", allure.attachment_type.TEXT)
    if result.transcript:
        allure.attach(
            _transcript_text(result.transcript),
            "transcript",
            allure.attachment_type.TEXT,
        )
    mails = [e for e in result.exchanges if e.get("kind") == "e-mail"]
    exchanges = [e for e in result.exchanges if e.get("kind") != "e-mail"]
    for mail in (
        mails
    ):  # as plain text: an e-mail's HTML is never shown as HTML, so nothing in it runs
        allure.attach(
            mail_text(mail),
            excerpt(f"e-mail: {mail.get('subject', '')}", 120),
            allure.attachment_type.TEXT,
        )
    if exchanges:
        allure.attach(
            json.dumps(exchanges, indent=2, ensure_ascii=False),
            "HTTP exchanges",
            allure.attachment_type.JSON,
        )
    if result.persona:
        allure.attach(
            json.dumps(result.persona, indent=2, ensure_ascii=False),
            "persona",
            allure.attachment_type.JSON,
        )
    for page in result.accessibility:  # axe-core's results per page checked, as data
        allure.attach(
            json.dumps(page, indent=2, ensure_ascii=False),
            excerpt(f"axe-core: {page.get('url', '')}", 120),
            allure.attachment_type.JSON,
        )
    if result.screenshots:
        end = reports_dir / result.screenshots[-1]
        if end.is_file():
            allure.attach.file(str(end), "last page seen", *_image_type(end))


def _image_type(path: Path) -> tuple[str, str]:
    """A screenshot's type and extension by its name: JPEG as journeys takes them, PNG
    as a team's own step may.

    Not allure's `attachment_type.JPG`: its type reads "image/jpg", which is no MIME
    type.
    """
    return (
        ("image/png", "png") if path.suffix.lower() == ".png" else ("image/jpeg", "jpg")
    )


def mail_text(mail: dict[str, Any]) -> str:
    """One e-mail as its attachment reads: the headers a customer sees, then the
    text.
    """
    head = [
        f"{name}: {mail[key]}"
        for name, key in (
            ("From", "from"),
            ("To", "to"),
            ("Reply-To", "reply_to"),
            ("Date", "received_at"),
            ("Subject", "subject"),
        )
        if mail.get(key)
    ]
    return "\n".join(head) + "\n\n" + str(mail.get("text", ""))


def _transcript_text(lines: tuple[dict[str, Any], ...]) -> str:
    out = []
    for line in lines:
        marks = [m for m in ("fallback", "handoff") if line.get(m)]
        latency = f" ({line['latency_ms']:.0f} ms)" if line.get("latency_ms") else ""
        tag = f" [{', '.join(marks)}]" if marks else ""
        who = (
            f"{line['who']} {line['author']}" if line.get("author") else line["who"]
        )  # tells one person from the next
        out.append(f"[{line['channel']}] {who}{latency}{tag}: {line['text']}")
    return "\n".join(out)


def _time_text(result: JourneyResult) -> str:
    """The Keystroke-Level Model estimate with its operators, as the effort model docs
    explain it.
    """
    lines = [f"{time_text(result)} (Keystroke-Level Model, docs/effort-model.md)"]
    for name, row in result.time_operators.items():
        lines.append(f"  {name:<5} x{int(row['count']):<4} {row['seconds']:7.2f} s")
    lost = [f for f in result.frictions if f.lost_time_s > 0]
    lines += [f"  lost {f.lost_time_s:6.2f} s  {f.kind}: {f.evidence}" for f in lost]
    if result.forms:
        lines.append(
            f"  form fields: {result.fields_seen} seen, {result.fields_filled} filled"
        )
    return "\n".join(lines)
