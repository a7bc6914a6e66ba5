package backoff

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestDelay(t *testing.T) {
	for _, tc := range []struct {
		first   time.Duration
		attempt int
		want    time.Duration
	}{
		{time.Second, 0, time.Second},
		{time.Second, 1, 2 * time.Second},
		{time.Second, 3, 8 * time.Second},
		{10 * time.Millisecond, 2, 40 * time.Millisecond},
		{time.Second, 40, Max},   // no overflow
		{time.Second, 1000, Max}, // nor with absurd counts
		{2 * time.Hour, 0, Max},  // the first wait is bounded too
		{0, 5, 0},                // no backoff configured
		{-time.Second, 1, 0},     // nor a negative one
	} {
		if got := Delay(tc.first, tc.attempt); got != tc.want {
			t.Errorf("Delay(%v, %d) = %v, want %v", tc.first, tc.attempt, got, tc.want)
		}
	}
}

func TestSleep(t *testing.T) {
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("Sleep: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep with a cancelled context: %v", err)
	}
	if time.Since(start) > time.Second {
		t.Error("Sleep with a cancelled context waited")
	}
}
