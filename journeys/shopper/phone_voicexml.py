"""VoiceXML 2.1, read as a voice browser's form interpretation algorithm walks it (W3C
VoiceXML 2.0/2.1).

A document holds dialogs: `<menu>` (its `<prompt>`, one `<choice>` per way out,
`dtmf="true"` numbering them 1 to 9) and `<form>` (form items in order: `<block>`,
`<field>` with a DTMF or simple grammar, or `<option>`s, its `<filled>`, and
`<transfer>`). Executable content: `<prompt>` (with `<audio>`, `<break>`,
`<enumerate>`), `<goto>`, `<submit>`, `<if>`, `<disconnect>`, `<exit>`. `<noinput>` and
`<nomatch>` (or `<catch>` of those events) run when the caller says nothing or something
unmatched; the item is then asked again unless the handler goes elsewhere. Scripts
(`<script>`, `expr` attributes) are not run: a voice browser here follows what a
document states, and `cond` is understood in its simple form `name == 'value'`.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from .phone_document import (
    Ask,
    Branch,
    Choice,
    Document,
    End,
    Go,
    Instruction,
    NotAPhoneDocument,
    Pause,
    Say,
    Transfer,
    parse_xml,
    seconds,
    words_of,
)

FORMAT = "VoiceXML"
_EXECUTABLE_ENDS = {"disconnect": "disconnect", "exit": "exit"}


def read_voicexml(text: str) -> Document:
    """The dialogs of one VoiceXML document; NotAPhoneDocument when it is not VoiceXML
    or has no dialog.
    """
    root = parse_xml(text, expected=FORMAT, root_names=("vxml",))
    dialogs: dict[str, tuple[Instruction, ...]] = {}
    for number, dialog in enumerate(d for d in root if d.tag in ("menu", "form")):
        name = dialog.get("id") or f"dialog{number + 1}"
        dialogs[name] = tuple(_menu(dialog) if dialog.tag == "menu" else _form(dialog))
    if not dialogs:
        raise NotAPhoneDocument("the VoiceXML document has no <menu> or <form> to run")
    return Document(dialogs=dialogs, first=next(iter(dialogs)), format=FORMAT)


def _menu(menu: Element) -> list[Instruction]:
    numbered = (menu.get("dtmf") or "").lower() == "true"
    choices = []
    for position, choice in enumerate(menu.iter("choice"), start=1):
        keys = choice.get("dtmf") or (
            str(position) if numbered and position <= 9 else ""
        )
        said = words_of(choice)
        choices.append(
            Choice(
                keys=keys,
                words=tuple(w for w in (said.lower(), *_grammar_words(choice)) if w),
                next=choice.get("next") or "",
                method=(choice.get("method") or "GET").upper(),
                said=said,
            )
        )
    prompts = tuple(
        p for prompt in menu.findall("prompt") for p in _prompt(prompt, choices)
    )
    return [
        Ask(
            prompts=prompts,
            choices=tuple(choices),
            speech=any(c.words for c in choices),
            timeout_s=_timeout(menu),
            noinput=_handler(menu, "noinput"),
            nomatch=_handler(menu, "nomatch"),
            again=True,
        )
    ]


def _form(form: Element) -> list[Instruction]:
    out: list[Instruction] = []
    for item in form:
        if item.tag == "block":
            out.extend(_executable(item))
        elif item.tag == "field":
            out.append(_field(item))
        elif item.tag == "transfer":
            out.extend(p for prompt in item.findall("prompt") for p in _prompt(prompt))
            out.append(_transfer(item))
        elif item.tag == "filled":
            out.extend(_executable(item))
    return out


def _field(field: Element) -> Ask:
    options = [
        Choice(
            keys=o.get("dtmf") or "",
            words=(words_of(o).lower(),) if words_of(o) else (),
            said=o.get("value") or words_of(o),
        )
        for o in field.iter("option")
    ]
    kind = (field.get("type") or "").split("?")[0].lower()
    grammars = [g for g in field.iter("grammar")]
    digits_only = kind in ("digits", "number", "currency", "phone") or any(
        "builtin:dtmf/digits" in (g.get("src") or "")
        or "builtin:grammar/digits" in (g.get("src") or "")
        for g in grammars
    )
    items = [words_of(i) for g in grammars for i in g.iter("item") if words_of(i)]
    dtmf_grammars = [
        g for g in grammars if (g.get("mode") or "voice").lower() == "dtmf"
    ]
    choices = list(options)
    for item in items:
        keys = item if item.replace(" ", "").isdigit() or item in ("*", "#") else ""
        choices.append(
            Choice(
                keys=keys.replace(" ", ""),
                words=(() if keys else (item.lower(),)),
                said=item,
            )
        )
    if kind == "boolean":
        choices += [
            Choice(keys="1", words=("yes",), said="true"),
            Choice(keys="2", words=("no",), said="false"),
        ]
    prompts = tuple(
        p for prompt in field.findall("prompt") for p in _prompt(prompt, options)
    )
    filled = field.find("filled")
    return Ask(
        prompts=prompts,
        field=field.get("name") or "field",
        choices=tuple(choices),
        digits_only=digits_only,
        dtmf=digits_only or bool(dtmf_grammars) or any(c.keys for c in choices),
        speech=any(c.words for c in choices) or not (digits_only or dtmf_grammars),
        timeout_s=_timeout(field),
        filled=tuple(_executable(filled)) if filled is not None else (),
        noinput=_handler(field, "noinput"),
        nomatch=_handler(field, "nomatch"),
        again=True,
    )


def _transfer(item: Element) -> Transfer:
    to = item.get("dest") or item.get("destexpr") or "(no destination)"
    carried = [n for n in (item.get("namelist") or "").split() if n]
    if item.get("aai") or item.get("aaiexpr"):
        carried.append("aai")
    kind = (
        "sip"
        if to.lower().startswith("sip:")
        else ("number" if to.lower().startswith("tel:") else "uri")
    )
    return Transfer(to=to.strip("'\""), kind=kind, carried=tuple(carried))


def _executable(parent: Element) -> list[Instruction]:
    """Executable content in order; bare text in a <block>, <filled> or handler is a
    prompt, as the spec allows.
    """
    out: list[Instruction] = []
    if (parent.text or "").strip():
        out.append(Say(text=" ".join((parent.text or "").split())))
    for element in parent:
        out.extend(_executable_element(element))
        if (element.tail or "").strip():
            out.append(Say(text=" ".join((element.tail or "").split())))
    return out


def _executable_element(element: Element) -> list[Instruction]:
    out: list[Instruction] = []
    tag = element.tag
    if tag in ("prompt", "audio"):
        out.extend(_prompt(element))
    elif tag == "goto":
        target = element.get("next") or (
            ("#" + element.get("nextitem", "")) if element.get("nextitem") else ""
        )
        if target:
            out.append(Go(url=target, method="GET"))
    elif tag == "submit":
        out.append(
            Go(
                url=element.get("next") or "",
                method=(element.get("method") or "GET").upper(),
                params=tuple((element.get("namelist") or "").split()),
            )
        )
    elif tag in _EXECUTABLE_ENDS:
        out.append(End(reason=_EXECUTABLE_ENDS[tag]))
    elif tag == "if":
        out.append(_branch(element))
    elif tag == "transfer":
        out.append(_transfer(element))
    return out


def _branch(element: Element) -> Branch:
    """<if cond><elseif cond/>…<else/>…</if>: the children between the markers form each
    arm.
    """
    arms: list[tuple[str, list[Element]]] = [(element.get("cond") or "false", [])]
    for child in element:
        if child.tag == "elseif":
            arms.append((child.get("cond") or "false", []))
        elif child.tag == "else":
            arms.append(("", []))
        else:
            arms[-1][1].append(child)
    built = []
    for cond, children in arms:
        holder = Element("arm")
        holder.extend(children)
        built.append((cond, tuple(_executable(holder))))
    return Branch(arms=tuple(built))


def _prompt(element: Element, choices: list[Choice] | None = None) -> list[Say | Pause]:
    """A prompt's words (with <enumerate> read out as the choices), its recordings and
    its breaks, in order.
    """
    out: list[Say | Pause] = []
    words: list[str] = []

    def flush() -> None:
        if words:
            text = " ".join(" ".join(words).split())
            if text:
                out.append(Say(text=text))
            words.clear()

    def walk(node: Element) -> None:
        if node.tag == "enumerate":
            words.append(
                ". ".join(
                    f"{c.said}, press {c.keys}" if c.keys else c.said
                    for c in choices or []
                )
                + "."
            )
        elif node.tag == "break":
            flush()
            out.append(Pause(seconds(node.get("time"), 0.5)))
        elif node.tag == "audio" and node.get("src"):
            fallback = words_of(node)
            if (
                fallback
            ):  # the text spoken when the recording cannot be played: the same words
                words.append(fallback)
            else:
                flush()
                src = node.get("src") or ""
                out.append(Say(audio=urlsplit(src).path.rsplit("/", 1)[-1] or src))
            words.append(node.tail or "")
            return
        elif node.tag == "value":
            words.append("(" + (node.get("expr") or "") + ")")
        else:
            words.append(node.text or "")
        for child in node:
            walk(child)
        if node is not element:
            words.append(node.tail or "")

    walk(element)
    flush()
    return out


def _handler(dialog: Element, event: str) -> tuple[Instruction, ...] | None:
    """The dialog's own handler for noinput or nomatch (a <catch> naming it counts);
    None: the platform's default.
    """
    for child in dialog:
        if child.tag == event or (
            child.tag == "catch" and event in (child.get("event") or "").split()
        ):
            return tuple(_executable(child))
    return None


def _grammar_words(element: Element) -> tuple[str, ...]:
    return tuple(
        words_of(i).lower()
        for g in element.iter("grammar")
        for i in g.iter("item")
        if words_of(i)
    )


def _timeout(element: Element) -> float:
    for prop in element.iter("property"):
        if prop.get("name") == "timeout":
            return seconds(prop.get("value"), 5.0)
    return 5.0


__all__ = ["FORMAT", "read_voicexml"]
