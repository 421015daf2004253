// Package shared locates the data folder that sits beside the repository
// (../shared: corpora, treebanks, dictionaries). The data is read in place and
// never copied into the repository; tests that need it skip when it is absent.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared data folder: $EVENTWIRE_SHARED when set, otherwise
// the folder "shared" beside the repository root (found by walking up from
// the working directory to go.mod). It returns "" when there is none.
func Dir() string {
	if d := os.Getenv("EVENTWIRE_SHARED"); d != "" {
		if isDir(d) {
			return d
		}
		return ""
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(filepath.Dir(dir), "shared")
			if isDir(d) {
				return d
			}
			return ""
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// Path joins elem onto the shared folder and returns the result, or "" when
// the folder or the named file is absent.
func Path(elem ...string) string {
	d := Dir()
	if d == "" {
		return ""
	}
	p := filepath.Join(append([]string{d}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// Require returns the path of a shared file or folder, skipping the test
// when it is absent.
func Require(t testing.TB, elem ...string) string {
	t.Helper()
	p := Path(elem...)
	if p == "" {
		t.Skipf("shared data %s not present; skipping", filepath.Join(elem...))
	}
	return p
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
