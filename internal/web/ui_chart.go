package web

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
)

// The charts are SVG computed here and written by the template, so they
// need no script and no inline style (the CSP forbids both). They fit
// their box at any width: horizontal positions are percentages of the
// chart's width and heights are pixels, so the SVG is never scaled and its
// text keeps its CSS size (12 px) on a phone as on a desktop.

// maxMonths bounds the month charts to the latest ten years.
const maxMonths = 120

// Heights of the month charts, in CSS pixels.
const (
	mcTop    = 16 // room for the largest count above the plot
	mcPlot   = 120
	mcBottom = 22 // room for the year labels
)

// monthChart is an articles-per-month bar chart of the current search;
// with Series, each bar is stacked by event type.
type monthChart struct {
	Height, BaseY, MaxY int
	Max                 int
	Bars                []chartBar
	Years               []axisLabel
	Series              []seriesView // the stacked series, for the legend
	Rows                []tableRow   // the numbers, as a table for screen readers
	Cols                []string     // the table's column heads after the month

	slots int // months on the axis
}

type chartBar struct {
	X, W       string // percentages of the chart's width
	Y, H       int
	URL, Title string
	From, To   string // the month's first and last day (range selection)
	Class      string
	Segments   []chartSegment
}

type chartSegment struct {
	Y, H         int
	Class, Title string
}

type axisLabel struct {
	X      string
	Text   string
	Anchor string // "end" for a label at the right edge, so that it is not cut
}

type seriesView struct{ Label, Class string }

type tableRow struct {
	Month string
	Cells []int
}

// monthAxis is the continuous run of months a chart draws: months without
// articles are gaps, not missing bars; at most maxMonths, the latest.
func monthAxis(months []time.Time) []time.Time {
	if len(months) == 0 {
		return nil
	}
	slices.SortFunc(months, func(a, b time.Time) int { return a.Compare(b) })
	first, last := months[0], months[len(months)-1]
	if monthsBetween(first, last) >= maxMonths {
		first = last.AddDate(0, -(maxMonths - 1), 0)
	}
	var out []time.Time
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return out
}

// pct writes a share of the width as an SVG percentage.
func pct(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) + "%" }

// newMonthChart draws a month facet (values "YYYY-MM"); each bar links to
// the search narrowed to its month. It returns nil when there is nothing
// to draw.
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
	axis := monthAxis(months)
	if axis == nil {
		return nil
	}
	c := newChartFrame(axis)
	for _, m := range axis {
		c.Max = max(c.Max, counts[m])
	}
	c.Cols = []string{"Số bài"}
	for i, m := range axis {
		n := counts[m]
		c.Rows = append(c.Rows, tableRow{Month: m.Format("01/2006"), Cells: []int{n}})
		if n == 0 {
			continue
		}
		b := c.bar(st, i, m)
		b.H = max(1, n*mcPlot/c.Max)
		b.Y = mcTop + mcPlot - b.H
		b.Title = m.Format("01/2006") + ": " + strconv.Itoa(n) + " bài"
		b.Class = "bar"
		c.Bars = append(c.Bars, b)
	}
	return c
}

// maxSeries is how many event types the stacked chart names; the others
// are summed as one.
const maxSeries = 6

// newEventChart draws event types over time: per month, a bar stacked by
// event type, from the month_event facet ("YYYY-MM|code"). The commonest
// types are named; the rest are one series. It returns nil with nothing
// to draw.
func newEventChart(st searchState, vals []index.FacetValue) *monthChart {
	perMonth := map[time.Time]map[string]int{}
	byType := map[string]int{}
	var months []time.Time
	for _, v := range vals {
		ms, code, ok := strings.Cut(v.Value, "|")
		m, err := time.Parse("2006-01", ms)
		if !ok || err != nil || v.Count <= 0 {
			continue
		}
		if perMonth[m] == nil {
			perMonth[m] = map[string]int{}
			months = append(months, m)
		}
		perMonth[m][code] += v.Count
		byType[code] += v.Count
	}
	axis := monthAxis(months)
	if axis == nil {
		return nil
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	slices.SortFunc(types, func(a, b string) int {
		if byType[a] != byType[b] {
			return byType[b] - byType[a]
		}
		return strings.Compare(a, b)
	})
	named := types[:min(len(types), maxSeries)]
	series := func(code string) int {
		if i := slices.Index(named, code); i >= 0 {
			return i
		}
		return len(named)
	}
	c := newChartFrame(axis)
	for _, t := range named {
		c.Series = append(c.Series, seriesView{Label: valueLabel("event_type", t), Class: "s" + strconv.Itoa(series(t))})
		c.Cols = append(c.Cols, valueLabel("event_type", t))
	}
	if len(types) > len(named) {
		c.Series = append(c.Series, seriesView{Label: "Các loại khác", Class: "s" + strconv.Itoa(len(named))})
		c.Cols = append(c.Cols, "Các loại khác")
	}
	// A bar's height is the sum of its month's types (an article of two
	// types counts in both).
	for _, m := range axis {
		sum := 0
		for _, n := range perMonth[m] {
			sum += n
		}
		c.Max = max(c.Max, sum)
	}
	for i, m := range axis {
		cells := make([]int, len(c.Series))
		for code, n := range perMonth[m] {
			cells[series(code)] += n
		}
		c.Rows = append(c.Rows, tableRow{Month: m.Format("01/2006"), Cells: cells})
		total := 0
		for _, n := range cells {
			total += n
		}
		if total == 0 {
			continue
		}
		b := c.bar(st, i, m)
		b.Title = m.Format("01/2006") + ": " + strconv.Itoa(total) + " lượt"
		y := mcTop + mcPlot
		for k, n := range cells {
			if n == 0 {
				continue
			}
			h := max(1, n*mcPlot/c.Max)
			y -= h
			b.Segments = append(b.Segments, chartSegment{Y: y, H: h, Class: c.Series[k].Class,
				Title: m.Format("01/2006") + " · " + c.Series[k].Label + ": " + strconv.Itoa(n)})
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// newChartFrame sets up the axes of a chart over axis.
func newChartFrame(axis []time.Time) *monthChart {
	c := &monthChart{Height: mcTop + mcPlot + mcBottom, BaseY: mcTop + mcPlot, MaxY: mcTop - 4, slots: len(axis)}
	// A year label needs about 36 px; on a phone ten years of months are
	// ~35 px a year, so with more than six years only even years are named.
	step := 1
	if len(axis) > 72 {
		step = 2
	}
	for i, m := range axis {
		if m.Month() == time.January && m.Year()%step == 0 || i == 0 && m.Month() <= time.September {
			at := 100 * float64(i) / float64(len(axis))
			l := axisLabel{X: pct(at), Text: strconv.Itoa(m.Year()), Anchor: "start"}
			if at > 90 {
				l.X, l.Anchor = "100%", "end"
			}
			c.Years = append(c.Years, l)
		}
	}
	return c
}

// bar places the bar of month m, the i-th of the axis, and links it.
func (c *monthChart) bar(st searchState, i int, m time.Time) chartBar {
	slot := 100 / float64(max(c.slots, 1))
	from, _ := article.NewDate(m.Year(), m.Month(), 1)
	end := m.AddDate(0, 1, -1)
	to, _ := article.NewDate(end.Year(), end.Month(), end.Day())
	return chartBar{
		X: pct(slot*float64(i) + slot*0.1), W: pct(slot * 0.8),
		URL:  st.with("/", "from", dateParam(from), "to", dateParam(to)),
		From: dateParam(from), To: dateParam(to),
	}
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}
