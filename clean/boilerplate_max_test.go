package clean

import "testing"

// TestMaxRule checks that Boilerplate's early exit for long paragraphs
// covers every rule.
func TestMaxRule(t *testing.T) {
	for _, r := range rules {
		if r.max > maxRule {
			t.Errorf("rule %s: max %d above maxRule %d", r.name, r.max, maxRule)
		}
	}
}
