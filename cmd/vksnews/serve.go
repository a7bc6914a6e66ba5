package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
)

func runServe(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("serve", e, &c)
	addr := fs.String("addr", "", "listen `address` (overrides http.addr)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	cfg, err := c.loadConfig(e)
	if err != nil {
		return err
	}
	if *addr != "" {
		cfg.HTTP.Addr = *addr
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	tuneGC(e)
	s, err := openServer(ctx, cfg, e, log)
	if err != nil {
		return err
	}
	defer closeInto(&err, s, "server")
	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	return s.run(ctx, ln)
}
