"""The actor knowledge base: states, metonyms, IGOs, groups and dated roles."""

from .base import KnowledgeBase, KBEntry, Person, Role, load_kb

__all__ = ["KnowledgeBase", "KBEntry", "Person", "Role", "load_kb"]
