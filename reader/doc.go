// Package reader is eventwire's public face for reading one article: it
// detects the input's format (plain text, HTML, JSON, JSONL, gzip), decodes
// it, extracts and cleans the text, and runs the analysis pipeline, returning
// a doc.Document with every layer filled.
package reader
