"""Engagement analysis for mentor-mentee conversations: per-message features, pair
metrics, a 0-100 score with band, trend and plain-language reasons. Pure analysis: no
database, no model loading (embeddings come from the caller's EmbedFn)."""

from .conversation_json import score_conversation_json
from .features import MessageFeatures, compute_message_features
from .report import EngagementReport, Trend, analyze_pair
from .types import ChatMessage, EmbedFn, MeetingEvent, Role

__all__ = [
    "ChatMessage",
    "EmbedFn",
    "EngagementReport",
    "MeetingEvent",
    "MessageFeatures",
    "Role",
    "Trend",
    "analyze_pair",
    "compute_message_features",
    "score_conversation_json",
]
