"""``python -m cleanwire`` runs the command-line filter."""

from .cli import entry

if __name__ == "__main__":
    entry()
