package web

import (
	"slices"
	"strconv"
	"time"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
)

// The charts are SVG computed here and written by the template, so they
// need no script and no inline style (the CSP forbids both).

// maxMonths bounds the month chart to the latest ten years.
const maxMonths = 120

// monthChart is the articles-per-month bar chart of the current search.
type monthChart struct {
	Width, Height int
	Bars          []chartBar
	Years         []axisLabel
	Max           int
	MaxY          int
	BaseY         int
}

type chartBar struct {
	X, Y, W, H int
	URL, Title string
}

type axisLabel struct {
	X    int
	Text string
}

const (
	mcBarW   = 9
	mcGap    = 2
	mcLeft   = 36
	mcTop    = 14
	mcPlot   = 110 // height of the plot area
	mcBottom = 20
)

// newMonthChart draws the month facet (values "YYYY-MM") on a continuous
// time axis: months without articles are gaps, not missing bars. It returns
// nil when there is nothing to draw.
func newMonthChart(st searchState, vals []index.FacetValue) *monthChart {
	counts := map[time.Time]int{}
	var months []time.Time
	for _, v := range vals {
		m, err := time.Parse("2006-01", v.Value)
		if err != nil || v.Count <= 0 {
			continue
		}
		counts[m] += v.Count
		months = append(months, m)
	}
	if len(months) == 0 {
		return nil
	}
	slices.SortFunc(months, func(a, b time.Time) int { return a.Compare(b) })
	first, last := months[0], months[len(months)-1]
	if span := monthsBetween(first, last); span >= maxMonths {
		first = last.AddDate(0, -(maxMonths - 1), 0)
	}
	c := &monthChart{Height: mcTop + mcPlot + mcBottom, BaseY: mcTop + mcPlot, MaxY: mcTop}
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		c.Max = max(c.Max, counts[m])
	}
	i := 0
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		x := mcLeft + i*(mcBarW+mcGap)
		if m.Month() == time.January || i == 0 && m.Month() <= time.October {
			c.Years = append(c.Years, axisLabel{X: x, Text: strconv.Itoa(m.Year())})
		}
		if n := counts[m]; n > 0 {
			h := max(1, n*mcPlot/c.Max)
			from, _ := article.NewDate(m.Year(), m.Month(), 1)
			end := m.AddDate(0, 1, -1)
			to, _ := article.NewDate(end.Year(), end.Month(), end.Day())
			c.Bars = append(c.Bars, chartBar{
				X: x, Y: mcTop + mcPlot - h, W: mcBarW, H: h,
				URL:   st.with("/", "from", dateParam(from), "to", dateParam(to)),
				Title: m.Format("01/2006") + ": " + strconv.Itoa(n) + " bài",
			})
		}
		i++
	}
	c.Width = mcLeft + i*(mcBarW+mcGap) + 8
	return c
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// barChart is a horizontal bar chart: one row per value.
type barChart struct {
	Width, Height int
	LabelW, BarX  int
	Rows          []barRow
}

type barRow struct {
	Y, TextY, W, CountX int
	Label, URL, Title   string
	Count               int
}

const (
	bcLabelW = 150
	bcBarMax = 220
	bcRowH   = 20
)

// newProvinceChart draws the province_now facet, largest first; each bar
// links to the search narrowed to that province.
func newProvinceChart(st searchState, vals []index.FacetValue) *barChart {
	if len(vals) == 0 {
		return nil
	}
	c := &barChart{Width: bcLabelW + bcBarMax + 50, LabelW: bcLabelW - 6, BarX: bcLabelW}
	top := 0
	for _, v := range vals {
		top = max(top, v.Count)
	}
	for i, v := range vals {
		w := max(1, v.Count*bcBarMax/max(top, 1))
		y := i * bcRowH
		c.Rows = append(c.Rows, barRow{
			Y: y + 3, TextY: y + 14, W: w, CountX: bcLabelW + w + 5,
			Label: v.Value, Count: v.Count,
			URL:   st.with("/", "province_now", v.Value),
			Title: v.Value + ": " + strconv.Itoa(v.Count) + " bài",
		})
	}
	c.Height = len(vals) * bcRowH
	return c
}
