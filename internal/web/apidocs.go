package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/vksnews/vksnews/internal/article"
)

// The API documentation page is rendered by the server from the embedded
// openapi.json, so that it works offline and never drifts from the
// document the tests validate answers against.

// openAPIDoc is the part of an OpenAPI 3 document the docs page shows.
type openAPIDoc struct {
	Info struct {
		Title, Version, Description string
	} `json:"info"`
	Paths map[string]map[string]struct {
		Summary     string `json:"summary"`
		Description string `json:"description"`
		Parameters  []struct {
			Name        string `json:"name"`
			In          string `json:"in"`
			Required    bool   `json:"required"`
			Description string `json:"description"`
			Schema      struct {
				Type string   `json:"type"`
				Enum []string `json:"enum"`
			} `json:"schema"`
		} `json:"parameters"`
		Security  []map[string][]string `json:"security"`
		Responses map[string]struct {
			Description string `json:"description"`
		} `json:"responses"`
	} `json:"paths"`
}

type docsView struct {
	Title, Version, Description string
	Routes                      []docsRoute
	Codes                       codesResponse
}

type docsRoute struct {
	Method, Path, Summary, Description string
	Auth                               bool
	Params                             []docsParam
	Responses                          []keyValue
}

type docsParam struct {
	Name, In, Description, Type string
	Required                    bool
	Enum                        []keyValue // code, Vietnamese label when it has one
}

// newDocsView reads the embedded document.
func newDocsView() (docsView, error) {
	var d openAPIDoc
	if err := json.Unmarshal(openAPI, &d); err != nil {
		return docsView{}, fmt.Errorf("openapi.json: %w", err)
	}
	v := docsView{Title: d.Info.Title, Version: d.Info.Version, Description: d.Info.Description, Codes: newCodes()}
	paths := make([]string, 0, len(d.Paths))
	for p := range d.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		methods := make([]string, 0, len(d.Paths[p]))
		for m := range d.Paths[p] {
			methods = append(methods, m)
		}
		sort.Slice(methods, func(i, j int) bool { return methodOrder(methods[i]) < methodOrder(methods[j]) })
		for _, m := range methods {
			op := d.Paths[p][m]
			r := docsRoute{Method: strings.ToUpper(m), Path: p, Summary: op.Summary, Description: op.Description, Auth: len(op.Security) > 0}
			for _, prm := range op.Parameters {
				dp := docsParam{Name: prm.Name, In: prm.In, Description: prm.Description, Type: prm.Schema.Type, Required: prm.Required}
				for _, e := range prm.Schema.Enum {
					dp.Enum = append(dp.Enum, keyValue{e, valueLabel(strings.TrimPrefix(prm.Name, "mentions_"), e)})
				}
				r.Params = append(r.Params, dp)
			}
			codes := make([]string, 0, len(op.Responses))
			for c := range op.Responses {
				codes = append(codes, c)
			}
			sort.Strings(codes)
			for _, c := range codes {
				r.Responses = append(r.Responses, keyValue{c, op.Responses[c].Description})
			}
			v.Routes = append(v.Routes, r)
		}
	}
	return v, nil
}

func methodOrder(m string) int {
	return strings.Index("get post put patch delete", strings.ToLower(m))
}

func (s *Server) handleAPIDocs(w http.ResponseWriter, r *http.Request) {
	v, err := newDocsView()
	if err != nil {
		s.Logger.Error("api docs", "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Không đọc được tài liệu API.")
		return
	}
	s.render(w, http.StatusOK, "apidocs", page{Title: "Tài liệu API", Data: v})
}

// codesResponse is the body of GET /api/codes: the Vietnamese names of the
// codes the API uses in filters and facets.
type codesResponse struct {
	Level     []codeLabel `json:"level"`
	EventType []codeLabel `json:"event_type"`
	Delivery  []codeLabel `json:"delivery"`
}

type codeLabel struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

func newCodes() codesResponse {
	var c codesResponse
	for _, l := range article.Levels {
		c.Level = append(c.Level, codeLabel{l, valueLabel("level", l)})
	}
	for _, e := range article.EventTypes {
		c.EventType = append(c.EventType, codeLabel{e, valueLabel("event_type", e)})
	}
	for _, d := range []string{"digest", "alert", "feed"} {
		c.Delivery = append(c.Delivery, codeLabel{d, deliveryLabels[d]})
	}
	return c
}

func (s *Server) handleCodes(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, newCodes())
}
