"""kg: a knowledge-graph builder for Chinese local-government policy documents."""

__version__ = "0.1.0"
