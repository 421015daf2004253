package trafilatura

import (
	"errors"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/go-shiori/dom"
	"golang.org/x/net/html"

	"eventwire/extract/internal/trafilatura/internal/lru"
	"eventwire/extract/internal/trafilatura/internal/selector"
)

// Content is the main text ExtractContent finds.
type Content struct {
	// Node holds the content, as ExtractResult.ContentNode.
	Node *html.Node
	// Text is the content as plain text, as ExtractResult.ContentText.
	Text string
}

// ExtractContent is ExtractDocument for eventwire's use: the same main
// content, found with the same passes, without the work eventwire does not
// use. It reads no metadata (ReadMetadata does, on demand), detects no
// language (DetectLanguage does, on demand), runs no external fallback and
// no comment extraction, and works on doc in place instead of three copies:
// doc is changed, and original returns the page's tree untouched (not to be
// changed either) for the rare baseline rescue. Options that change the passes are honoured as in
// ExtractDocument except EnableFallback, Deduplicate, TargetLanguage,
// HasEssentialMetadata, MaxTreeSize and PruneSelector, which are ignored.
func ExtractContent(doc *html.Node, opts Options, original func() *html.Node) (*Content, error) {
	if opts.Config == nil {
		opts.Config = DefaultConfig()
	}
	cache := lru.NewCache(opts.Config.CacheSize)
	work := doc
	docCleaning(work, opts)
	convertTags(work, opts)
	if opts.Focus == FavorPrecision {
		work = pruneNodes(work, selector.RemovedComments, false)
	}
	postBody, text := extractContent(work, cache, opts)
	if utf8.RuneCountInString(text) < opts.Config.MinExtractedSize && opts.Focus != FavorPrecision {
		postBody, text = baseline(dom.Clone(original(), true))
	}
	if utf8.RuneCountInString(text) < opts.Config.MinOutputSize {
		return nil, errTooShort
	}
	postCleaning(postBody)
	return &Content{Node: postBody, Text: text}, nil
}

// ReadMetadata reads the page's metadata as ExtractDocument does (without
// site name, categories, tags and licence).
func ReadMetadata(doc *html.Node, opts Options) Metadata { return extractMetadata(doc, opts) }

// DetectLanguage returns the ISO 639-1 code of text's language, as
// ExtractDocument sets Metadata.Language (without comments).
func DetectLanguage(text string) string { return whatlanggo.DetectLang(text).Iso6391() }

var errTooShort = errors.New("text is not long enough")
