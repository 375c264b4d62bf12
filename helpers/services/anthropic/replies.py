"""The simulated model: deterministic, rule-based replies and an approximate token count.

Tokens: text is cut into pieces, each a run of at most 6 letters/digits or a single punctuation
mark, with any whitespace before it (``"Hello, world!"`` -> ``Hello`` ``,`` `` world`` ``!``).
That is close to real English token counts and lets ``max_tokens`` cut a reply exactly.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from types import MappingProxyType

from .validation import MessageRequest

TOKEN_RE = re.compile(r"\s*(?:\w{1,6}|[^\w\s])|\s+")
TOKENS_PER_MESSAGE = 3

# ------------------------------------------------------------------ classification keywords
# Category -> words in a description that point to it (regex fragments, whole words).
CATEGORY_KEYWORDS = (
    (
        "ml",
        r"machine learning|deep learning|neural|llms?|models?|modell?ing|train\w*|pytorch|"
        r"tensorflow|keras|transformers?|embeddings?|ai|nlp|gpt\w*|inference|scikit-learn|"
        r"sklearn|fine-?tun\w*|predict\w*|computer vision",
    ),
    (
        "data",
        r"pandas|csv|etl|data\w*|sql\w*|parquet|spark|analytics?|warehouse|polars|excel|"
        r"spreadsheets?|dbt|airflow|numpy|jupyter|notebooks?|visuali[sz]\w*|plot\w*|charts?",
    ),
    (
        "web",
        r"flask|django|fastapi|react|vue|apis?|https?|rest|restful|web\w*|websites?|"
        r"front-?end|back-?end|javascript|typescript|css|html|browsers?|servers?|graphql|node\.?js",
    ),
    (
        "devops",
        r"docker\w*|kubernetes|k8s|ci|cd|deploy\w*|terraform|ansible|helm|github actions|"
        r"containers?|infrastructure|monitoring|devops",
    ),
    (
        "docs",
        r"documentation|docs|tutorials?|guides?|handbook|markdown|mkdocs|sphinx|readme|books?|"
        r"notes|cheat ?sheets?|awesome",
    ),
)
KEYWORD_RES = tuple(
    (category, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for category, words in CATEGORY_KEYWORDS
)
# Category -> words that identify it inside a label the prompt offers ("ml/ai", "Data", ...).
LABEL_ALIASES = (
    ("ml", r"ml|ai|machine learning|deep learning|llms?|models?"),
    ("data", r"data"),
    ("web", r"web|front-?end|back-?end|apis?"),
    ("devops", r"devops|ops|infra\w*|ci|cd|deploy\w*"),
    ("docs", r"docs?|documentation|writing|tutorials?|education"),
    ("other", r"other|misc\w*|unknown|none"),
)
LABEL_ALIAS_RES = MappingProxyType(
    {category: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for category, words in LABEL_ALIASES}
)
LABELS_RE = re.compile(r"\b(?:labels?|categories|one of)\s*:\s*(?P<labels>[^\n]+)", re.IGNORECASE)
LABEL_SPLIT_RE = re.compile(r"\s*(?:,|\||;|\s+or\s+)\s*")
REASON_RE = re.compile(r"\b(?:reasons?|why|explain\w*|justif\w*)\b", re.IGNORECASE)
NO_REASON_RE = re.compile(
    r"\b(?:no|without|don't|do not|never)\s+(?:\w+\s+)?(?:reasons?|explain\w*|justif\w*)"
    r"|\b(?:label only|only the label|just the label)\b",
    re.IGNORECASE,
)

# ------------------------------------------------------------------ other rules
GREETING_RE = re.compile(
    r"^\W*(?:hello|hi|hey|hiya|greetings|good (?:morning|afternoon|evening))\b", re.IGNORECASE
)
SAY_HELLO_RE = re.compile(r"\bsay (?:hello|hi)\b", re.IGNORECASE)
GREETING_REPLY = "Hello! How can I help you today?"
LIST_RE = re.compile(
    r"\b(?:list|bullet\w*|enumerate)\b|\b(?:\d+|two|three|four|five)\s+(?:\w+\s+)?"
    r"(?:ways|tips|ideas|reasons|steps|things|examples|points|facts|questions|rules)\b",
    re.IGNORECASE,
)
NUMBER_RE = re.compile(r"\b(\d+|two|three|four|five)\b", re.IGNORECASE)
NUMBER_WORDS = MappingProxyType({"two": 2, "three": 3, "four": 4, "five": 5})
LIST_ITEMS = (
    "Start with the smallest example that works, then grow it one step at a time.",
    "Read the official documentation for the exact names, limits and error codes.",
    "Look at the status code and the body of every response before using it.",
    "Handle errors explicitly instead of assuming the happy path.",
    "Keep secrets such as API keys out of your code and your notebooks.",
    "Write down what you tried, what you expected and what actually happened.",
    "Automate the check you find yourself repeating by hand.",
)


@dataclass(frozen=True)
class Reply:
    """What the model produced: text blocks (no empty ones) and why it stopped."""

    blocks: tuple[str, ...]
    stop_reason: str
    stop_sequence: str | None
    output_tokens: int


# ------------------------------------------------------------------ tokens


def tokenize(text: str) -> list[str]:
    """Pieces whose concatenation is exactly ``text``."""
    return TOKEN_RE.findall(text)


def count_tokens(text: str) -> int:
    return len(tokenize(text))


def count_input_tokens(request: MessageRequest) -> int:
    """Tokens of the system prompt and every message, plus 3 per message."""
    total = count_tokens(request.system)
    for _role, text in request.messages:
        total += count_tokens(text) + TOKENS_PER_MESSAGE
    return total


# ------------------------------------------------------------------ the model


def generate(request: MessageRequest) -> Reply:
    """The reply to a validated request: rules, then prefill, then stop sequences/max_tokens."""
    user_texts = [text for role, text in request.messages if role == "user"]
    prompt = user_texts[-1] if user_texts else ""
    blocks = compose(prompt, user_texts[:-1], request.system)
    role, last = request.messages[-1]
    if role == "assistant":
        blocks = continue_prefill(last, blocks)
    return finish(blocks, request.max_tokens, request.stop_sequences)


def compose(prompt: str, earlier: list[str], system: str) -> list[str]:
    """The full reply to the last user message, before any cut. First matching rule wins."""
    labels = find_labels(prompt)
    if labels is not None:
        return classify(prompt, *labels)
    if SAY_HELLO_RE.search(prompt) or (GREETING_RE.search(prompt) and len(prompt.split()) <= 8):
        return [GREETING_REPLY]
    if LIST_RE.search(prompt):
        return make_list(prompt)
    return [answer(prompt, earlier, system)]


def find_labels(prompt: str) -> tuple[list[str], str] | None:
    """``(labels, text without the labels)`` when the prompt offers at least two labels."""
    match = LABELS_RE.search(prompt)
    if match is None:
        return None
    segment = re.split(r"\.(?:\s|$)", match["labels"], maxsplit=1)[0]
    labels = [label.strip(" '\"`*[](){}.") for label in LABEL_SPLIT_RE.split(segment)]
    labels = [label for label in labels if label]
    if len(labels) < 2:
        return None
    end = match.start("labels") + len(segment)
    return labels, prompt[: match.start()] + " " + prompt[end:]


def classify(prompt: str, labels: list[str], text: str) -> list[str]:
    """The single best label; on a second line, the reason if the prompt asks for one."""
    category, evidence = best_category(text)
    label = label_for(category, labels)
    if not REASON_RE.search(text) or NO_REASON_RE.search(text):
        return [label]
    if evidence:
        reason = f"Reason: the description mentions {', '.join(evidence)}, which points to {label}."
    else:
        reason = f"Reason: nothing in the description points elsewhere, so I chose {label}."
    return [f"{label}\n{reason}"]


def best_category(text: str) -> tuple[str, list[str]]:
    """The category with most keyword hits (ties: ml, data, web, devops, docs), or "other"."""
    best, best_hits = "other", []
    for category, pattern in KEYWORD_RES:
        hits = [hit.lower() for hit in pattern.findall(text)]
        if len(hits) > len(best_hits):
            best, best_hits = category, hits
    return best, list(dict.fromkeys(best_hits))[:3]


def label_for(category: str, labels: list[str]) -> str:
    """The first offered label naming ``category``; else the "other" label; else the last one."""
    for wanted in (category, "other"):
        pattern = LABEL_ALIAS_RES[wanted]
        for label in labels:
            if pattern.search(label):
                return label
    return labels[-1]


def make_list(prompt: str) -> list[str]:
    """One block: a lead-in sentence, then a numbered list (2 to 5 items, default 3)."""
    count = 3
    number = NUMBER_RE.search(prompt)
    if number:
        word = number[1].lower()
        count = NUMBER_WORDS.get(word) or int(word)
    count = max(2, min(5, count))
    start = int(hashlib.sha256(prompt.encode()).hexdigest()[:8], 16) % len(LIST_ITEMS)
    items = [LIST_ITEMS[(start + i) % len(LIST_ITEMS)] for i in range(count)]
    lead = f'Here are {count} short points in reply to "{summarize(prompt)}":\n\n'
    return [lead + "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))]


def answer(prompt: str, earlier: list[str], system: str) -> str:
    """The default: a short, honest reply that quotes the question."""
    parts = [f'You asked: "{summarize(prompt)}"']
    if system:
        parts.append(f'My instructions (system prompt) say: "{summarize(system, 8)}"')
    if earlier:
        parts.append(f'Earlier in this conversation you wrote: "{summarize(earlier[0], 8)}"')
    parts.append(
        "I am the course's simulated model, so this reply is canned: the same request "
        "always gets the same answer."
    )
    return "\n".join(parts)


def summarize(text: str, words: int = 12) -> str:
    pieces = text.split()
    summary = " ".join(pieces[:words])
    return summary + "..." if len(pieces) > words else summary


def continue_prefill(prefill: str, blocks: list[str]) -> list[str]:
    """A final assistant message is a prefix the reply continues: drop it if the reply has it."""
    first = blocks[0]
    if prefill and first.startswith(prefill):
        return [first[len(prefill) :], *blocks[1:]]
    return blocks


def finish(blocks: list[str], max_tokens: int, stop_sequences: tuple[str, ...]) -> Reply:
    """Cut at ``max_tokens`` tokens, then at the earliest stop sequence; drop empty blocks."""
    kept, budget, truncated = [], max_tokens, False
    for block in blocks:
        pieces = tokenize(block)
        if len(pieces) > budget:
            kept.append("".join(pieces[:budget]))
            truncated = True
            break
        kept.append(block)
        budget -= len(pieces)
    stop_reason, stop_sequence = ("max_tokens" if truncated else "end_turn"), None
    for index, block in enumerate(kept):
        found = [(block.find(s), s) for s in stop_sequences if s in block]
        if found:
            position, stop_sequence = min(found)
            kept = [*kept[:index], block[:position]]
            stop_reason = "stop_sequence"
            break
    kept = [block for block in kept if block]
    return Reply(tuple(kept), stop_reason, stop_sequence, sum(count_tokens(b) for b in kept))
