"""Sentence embeddings: the protocol every backend meets (`base`), the torch and onnx backends, the ONNX
build, the embedding cache, and the factory that picks a backend by name."""
