"""The stages of the pipeline, one module each, in order: `prepare` (`clean`, `segment`, with `text`),
`dedup`, `cluster`, `select`, `assemble` (embedding is `summarizer.embedding`)."""
