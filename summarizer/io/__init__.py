"""Input and output at the edges of the library: reading articles from files (`reader`) and rendering a
`Summary` as text, JSON or Markdown (`render`)."""
