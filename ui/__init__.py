"""The Gradio web UI over rag.Assistant."""
