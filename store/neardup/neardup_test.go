package neardup

import (
	"strings"
	"testing"
)

const story = `Israel and Hamas agreed on Tuesday to a five-day extension of a ceasefire in Gaza, ` +
	`Palestinian and Egyptian officials said, as negotiators in Cairo pressed on with talks ` +
	`on a long-term truce. The extension came shortly before a three-day truce was due to ` +
	`expire at midnight, and both sides said they would observe it while the talks went on. ` +
	`More than 1,900 Palestinians and 67 Israelis have been killed in the conflict. ` +
	`The Palestinian delegation said progress had been made on some of its demands, including ` +
	`the easing of the blockade on the territory, but that gaps remained on the question of a ` +
	`seaport and an airport. Israeli officials, who did not comment publicly on the talks, ` +
	`insisted that any deal must address the disarmament of militant groups in the strip. ` +
	`Residents of Gaza City returned to neighbourhoods reduced to rubble, salvaging what they ` +
	`could from their homes, while aid agencies warned that hundreds of thousands of people ` +
	`were still without clean water or electricity.`

func TestNear(t *testing.T) {
	base, n := Sign(story)
	if n < MinShingles {
		t.Fatalf("story has %d shingles, want at least %d", n, MinShingles)
	}
	tests := []struct {
		name string
		text string
		near bool
	}{
		{"same", story, true},
		{"case and punctuation", strings.ToUpper(strings.ReplaceAll(story, ",", " ;")), true},
		{"one word changed", strings.Replace(story, "midnight", "noon", 1), true},
		{"byline and share prompt added", "By Staff Reporter. " + story + " Share this article on social media.", true},
		{"truncated to two thirds (a shortened version)", story[:len(story)*2/3], true},
		{"one third shared", story[:len(story)/3] + strings.Repeat(" the match ended in a draw after extra time", 8), false},
		{"other story", `Manchester United beat Arsenal 2-1 at Old Trafford on Saturday with a late ` +
			`goal from Wayne Rooney, keeping their title hopes alive as the season enters its final ` +
			`weeks. The manager praised his players for their resilience after going a goal down.`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sig, _ := Sign(tt.text)
			if got := Near(&base, &sig); got != tt.near {
				t.Errorf("Near = %v (similarity %.2f), want %v", got, Similarity(&base, &sig), tt.near)
			}
			if tt.near {
				shared := false
				a, b := Bands(&base), Bands(&sig)
				for i := range a {
					shared = shared || a[i] == b[i]
				}
				if !shared {
					t.Errorf("near-duplicates share no band")
				}
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	sig, _ := Sign(story)
	got, err := Decode(sig.Bytes())
	if err != nil || got != sig {
		t.Errorf("Decode(Bytes) = %v, %v", got == sig, err)
	}
	if _, err := Decode([]byte{1, 2, 3}); err == nil {
		t.Error("Decode accepted 3 bytes")
	}
}

func TestShort(t *testing.T) {
	if _, n := Sign("too short"); n != 0 {
		t.Errorf("shingles = %d, want 0", n)
	}
}
