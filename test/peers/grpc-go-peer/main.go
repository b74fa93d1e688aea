// grpc-go as a test client for attache's transports, the same scenario runner as
// ../grpc-core-peer.py (read its header for the scenario format): JSON scenarios on stdin, one a
// line, until stdin ends; each one's steps run in order on a ClientConn of its own, with a JSON
// line per event and a last line {"results": [...]}. Messages are hex bytes passed through a codec that does no encoding, so no
// generated ext_proc code is needed. Built in GOPATH mode against Debian's grpc-go
// (bench/lib/go-build.mjs).
package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	_ "google.golang.org/grpc/encoding/gzip" // registers "gzip" for {"compress": true}
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// rawCodec hands message bytes through as they are: the test encodes and decodes them.
type rawCodec struct{}

func (rawCodec) Marshal(v interface{}) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(data []byte, v interface{}) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "raw" }

type action struct {
	Send      *string `json:"send"`
	Recv      *int    `json:"recv"`
	HalfClose bool    `json:"halfClose"`
	Cancel    bool    `json:"cancel"`
	Event     *string `json:"event"`
}

type step struct {
	Call        string   `json:"call"`
	Path        string   `json:"path"`
	TimeoutMs   int      `json:"timeoutMs"`
	Compress    bool     `json:"compress"`
	Actions     []action `json:"actions"`
	Message     string   `json:"message"`
	Messages    []string `json:"messages"`
	Replies     int      `json:"replies"`
	Count       int      `json:"count"`
	Concurrency int      `json:"concurrency"`
	Ms          int      `json:"ms"`
	Name        string   `json:"name"`
	MetadataPad int      `json:"metadataPad"`
	// Metadata is set by runMany on each of its calls, never read from the scenario.
	Metadata metadata.MD `json:"-"`
}

type scenario struct {
	Target string `json:"target"`
	TLS    *struct {
		CA   string `json:"ca"`
		Cert string `json:"cert"`
		Key  string `json:"key"`
	} `json:"tls"`
	Steps []step `json:"steps"`
}

type callResult struct {
	Code     string            `json:"code"`
	Details  string            `json:"details"`
	Trailers map[string]string `json:"trailers"`
	Replies  []string          `json:"replies"`
	Ms       int64             `json:"ms"`
}

var stdin = bufio.NewReader(os.Stdin)

// codeNames are the gRPC spec's names (what the C core prints), by code; Go's String() differs.
var codeNames = []string{"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
	"NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
	"ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"}

func codeName(st *status.Status) string {
	if c := int(st.Code()); c < len(codeNames) {
		return codeNames[c]
	}
	return fmt.Sprint(int(st.Code()))
}

// waitForLine tells the test we reached `name` and blocks until it answers with a line.
func waitForLine(name string) {
	line, _ := json.Marshal(map[string]string{"event": name})
	fmt.Println(string(line))
	if _, err := stdin.ReadString('\n'); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		fail(err)
	}
	return b
}

func callContext(s step) (context.Context, context.CancelFunc) {
	ctx := context.Background()
	if s.Metadata != nil {
		ctx = metadata.NewOutgoingContext(ctx, s.Metadata)
	}
	if s.TimeoutMs > 0 {
		return context.WithTimeout(ctx, time.Duration(s.TimeoutMs)*time.Millisecond)
	}
	return context.WithCancel(ctx)
}

// pad is n characters that only call i sends: its number repeated ("7-7-7-..."), cut to n.
func pad(i, n int) string {
	return strings.Repeat(fmt.Sprintf("%d-", i), n)[:n]
}

func options(s step) []grpc.CallOption {
	opts := []grpc.CallOption{grpc.ForceCodec(rawCodec{})}
	if s.Compress {
		opts = append(opts, grpc.UseCompressor("gzip"))
	}
	return opts
}

// finish reads the status and trailers of a stream whose last RecvMsg returned err.
func finish(stream grpc.ClientStream, err error, replies []string, started time.Time) callResult {
	if errors.Is(err, io.EOF) {
		err = nil
	}
	st := status.Convert(err)
	trailers := map[string]string{}
	for key, values := range stream.Trailer() {
		trailers[key] = strings.Join(values, ",")
	}
	return callResult{codeName(st), st.Message(), trailers, replies, time.Since(started).Milliseconds()}
}

// runStream is a bidi call (or, with serverOnly, a server-streaming one) driven by s.Actions.
func runStream(conn *grpc.ClientConn, s step) callResult {
	started := time.Now()
	ctx, cancel := callContext(s)
	defer cancel()
	desc := &grpc.StreamDesc{ServerStreams: true, ClientStreams: true}
	stream, err := conn.NewStream(ctx, desc, s.Path, options(s)...)
	if err != nil {
		st := status.Convert(err)
		return callResult{codeName(st), st.Message(), map[string]string{}, []string{}, 0}
	}
	replies := []string{}
	var last error
	read := func() bool {
		var reply []byte
		if last = stream.RecvMsg(&reply); last != nil {
			return false
		}
		replies = append(replies, hex.EncodeToString(reply))
		return true
	}
	cancelled := false
	for _, a := range s.Actions {
		switch {
		case a.Send != nil:
			message := mustHex(*a.Send)
			stream.SendMsg(&message) // an error here shows as the status RecvMsg returns
		case a.Recv != nil:
			for len(replies) < *a.Recv && read() {
			}
		case a.HalfClose:
			stream.CloseSend()
		case a.Cancel:
			cancel()
			cancelled = true
		case a.Event != nil:
			waitForLine(*a.Event)
		}
		if cancelled || last != nil {
			break
		}
	}
	for last == nil && read() {
	}
	return finish(stream, last, replies, started)
}

func runUnary(conn *grpc.ClientConn, s step) callResult {
	started := time.Now()
	ctx, cancel := callContext(s)
	defer cancel()
	request, reply := mustHex(s.Message), []byte(nil)
	var trailer metadata.MD
	err := conn.Invoke(ctx, s.Path, &request, &reply, append(options(s), grpc.Trailer(&trailer))...)
	st := status.Convert(err)
	trailers := map[string]string{}
	for key, values := range trailer {
		trailers[key] = strings.Join(values, ",")
	}
	replies := []string{}
	if err == nil {
		replies = append(replies, hex.EncodeToString(reply))
	}
	return callResult{codeName(st), st.Message(), trailers, replies, time.Since(started).Milliseconds()}
}

func runServerStream(conn *grpc.ClientConn, s step) callResult {
	started := time.Now()
	ctx, cancel := callContext(s)
	defer cancel()
	stream, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, s.Path, options(s)...)
	if err != nil {
		fail(err)
	}
	request := mustHex(s.Message)
	stream.SendMsg(&request)
	stream.CloseSend()
	replies := []string{}
	for len(replies) < s.Replies {
		var reply []byte
		if err = stream.RecvMsg(&reply); err != nil {
			break
		}
		replies = append(replies, hex.EncodeToString(reply))
	}
	cancel()
	if err == nil {
		var reply []byte
		err = stream.RecvMsg(&reply) // the cancellation's status
	}
	return finish(stream, err, replies, started)
}

// runMany counts statuses and distinct reply sequences over Count calls: a lost one shows.
func runMany(conn *grpc.ClientConn, s step) map[string]interface{} {
	started := time.Now()
	var mu sync.Mutex
	codes, outputs := map[string]int{}, map[string]int{}
	gate := make(chan struct{}, s.Concurrency)
	var wg sync.WaitGroup
	actions := []action{}
	// One message at a time, each reply read before the next, then the half-close: as Envoy
	// does (attache ends a call at the client's half-close).
	counts := make([]int, len(s.Messages))
	for i := range s.Messages {
		counts[i] = i + 1
		actions = append(actions, action{Send: &s.Messages[i]}, action{Recv: &counts[i]})
	}
	actions = append(actions, action{HalfClose: true})
	one := step{Path: s.Path, Actions: actions}
	for i := 0; i < s.Count; i++ {
		gate <- struct{}{}
		wg.Add(1)
		call := one
		if s.MetadataPad > 0 {
			call.Metadata = metadata.Pairs("x-seq", fmt.Sprint(i), "x-pad", pad(i, s.MetadataPad))
		}
		go func() {
			defer func() { <-gate; wg.Done() }()
			r := runStream(conn, call)
			mu.Lock()
			codes[r.Code]++
			outputs[strings.Join(r.Replies, ",")]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return map[string]interface{}{"codes": codes, "outputs": outputs, "ms": time.Since(started).Milliseconds()}
}

func dial(sc scenario) *grpc.ClientConn {
	opts := []grpc.DialOption{grpc.WithInsecure()}
	if sc.TLS != nil {
		roots := x509.NewCertPool()
		roots.AppendCertsFromPEM([]byte(sc.TLS.CA))
		config := &tls.Config{RootCAs: roots}
		if sc.TLS.Cert != "" {
			pair, err := tls.X509KeyPair([]byte(sc.TLS.Cert), []byte(sc.TLS.Key))
			if err != nil {
				fail(err)
			}
			config.Certificates = []tls.Certificate{pair}
		}
		opts = []grpc.DialOption{grpc.WithTransportCredentials(credentials.NewTLS(config))}
	}
	target := sc.Target
	if path := strings.TrimPrefix(target, "unix:"); path != target {
		// grpc-go 1.33 has no unix resolver: dial the socket ourselves.
		target = "passthrough:///unix-socket"
		opts = append(opts, grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", path)
		}))
	}
	conn, err := grpc.Dial(target, opts...)
	if err != nil {
		fail(err)
	}
	return conn
}

func main() {
	for {
		line, err := stdin.ReadString('\n')
		if err != nil && line == "" {
			return // stdin ended: no more scenarios
		}
		var sc scenario
		if err := json.Unmarshal([]byte(line), &sc); err != nil {
			fail(err)
		}
		runScenario(sc)
	}
}

func runScenario(sc scenario) {
	conn := dial(sc)
	defer conn.Close()
	results := []interface{}{}
	for _, s := range sc.Steps {
		switch s.Call {
		case "stream":
			results = append(results, runStream(conn, s))
		case "unary":
			results = append(results, runUnary(conn, s))
		case "serverStream":
			results = append(results, runServerStream(conn, s))
		case "many":
			results = append(results, runMany(conn, s))
		case "sleep":
			time.Sleep(time.Duration(s.Ms) * time.Millisecond)
			results = append(results, map[string]interface{}{})
		case "event":
			waitForLine(s.Name)
			results = append(results, map[string]interface{}{})
		default:
			fail(fmt.Errorf("unknown step %q", s.Call))
		}
	}
	out, _ := json.Marshal(map[string]interface{}{"results": results})
	fmt.Println(string(out))
}
