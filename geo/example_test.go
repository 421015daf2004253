package geo_test

import (
	"fmt"

	"eventwire/geo"
)

func ExampleGazetteer_Resolve() {
	g, err := geo.Load()
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"Cairo", "Jordan", "Birmingham"} {
		p, _ := g.Resolve(name, nil)
		fmt.Println(name, "->", p.Name, p.Country, p.FeatureClass, p.FeatureCode)
	}
	// In a story about the United States, Birmingham is in Alabama.
	p, _ := g.Resolve("Birmingham", map[string]float64{"USA": 3})
	fmt.Println("Birmingham (USA story) ->", p.Name, p.Country, p.Admin1)
	m, _ := g.Lookup("Palestinians")
	fmt.Println("Palestinians ->", m.Country.ISO3, m.Kind)
	// Output:
	// Cairo -> Cairo EGY P PPLC
	// Jordan -> Jordan JOR A PCLI
	// Birmingham -> Birmingham GBR P PPLA2
	// Birmingham (USA story) -> Birmingham USA AL
	// Palestinians -> PSE people
}
