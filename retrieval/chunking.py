"""Split loaded documents into section-aware chunks sized for the MiniLM embedder.

Sections come from the loaders' heading structure; long sections are cut further by
``RecursiveCharacterTextSplitter`` (paragraphs, then lines, then words) to a token budget.
Tokens are estimated from words instead of a tokenizer so chunking needs no model files
and never downloads one (tiktoken would).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from retrieval.documents import Chunk, LoadedDocument

_WORD = re.compile(r"\w+|[^\w\s]")
# all-MiniLM-L6-v2 reads at most 256 word pieces; English prose averages about 1.3 word
# pieces per word, so 240 estimated tokens plus the citation header stays near that limit.
DEFAULT_CHUNK_TOKENS = 240
DEFAULT_OVERLAP_TOKENS = 40
CHUNKER_VERSION = "1"


def estimate_tokens(text: str) -> int:
    """Word-piece estimate: words count ~1.3 pieces, punctuation one each."""
    words = 0
    marks = 0
    for match in _WORD.finditer(text):
        if match.group(0)[0].isalnum() or match.group(0)[0] == "_":
            words += 1
        else:
            marks += 1
    return math.ceil(words * 1.3) + marks


def chunk_id(source: str, section_path: tuple[str, ...], ordinal: int, text: str) -> str:
    """Stable id: the same text at the same place in the same file always gets the same id."""
    digest = hashlib.sha256(
        "\x1f".join((source, " > ".join(section_path), str(ordinal), text)).encode("utf-8")
    )
    return digest.hexdigest()[:24]


@dataclass(frozen=True)
class Chunker:
    """Cuts documents into chunks of about ``chunk_tokens`` with ``overlap_tokens`` overlap.

    Example::

        chunks = Chunker(chunk_tokens=240).split(document, source="guides/internships.md")
    """

    chunk_tokens: int = DEFAULT_CHUNK_TOKENS
    overlap_tokens: int = DEFAULT_OVERLAP_TOKENS
    count_tokens: Callable[[str], int] = estimate_tokens

    def __post_init__(self) -> None:
        if self.chunk_tokens < 16:
            raise ValueError("chunk_tokens must be at least 16")
        if not 0 <= self.overlap_tokens < self.chunk_tokens:
            raise ValueError("overlap_tokens must be at least 0 and less than chunk_tokens")

    @property
    def signature(self) -> str:
        """Changes whenever chunking would give different chunks, so files get re-chunked."""
        return f"v{CHUNKER_VERSION}:{self.chunk_tokens}:{self.overlap_tokens}"

    def split(self, document: LoadedDocument, source: str) -> list[Chunk]:
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=self.chunk_tokens,
            chunk_overlap=self.overlap_tokens,
            length_function=self.count_tokens,
            separators=["\n\n", "\n", ". ", " ", ""],
            keep_separator="end",
        )
        chunks: list[Chunk] = []
        for section in document.sections:
            for piece in splitter.split_text(section.text):
                text = piece.strip()
                if not text:
                    continue
                ordinal = len(chunks)
                chunks.append(
                    Chunk(
                        id=chunk_id(source, section.path, ordinal, text),
                        source=source,
                        title=document.title,
                        section_path=section.path,
                        ordinal=ordinal,
                        text=text,
                        audience=document.audience,
                        topics=document.topics,
                        source_url=document.source_url,
                    )
                )
        return chunks
