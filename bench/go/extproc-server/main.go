// Command extproc-server is the benchmarks' Go baseline: an Envoy ext_proc processor written the
// way the Go SDKs write one. grpc-go serves envoy.service.ext_proc.v3.ExternalProcessor/Process;
// each ProcessingRequest is decoded into the types protoc-gen-go generated from the repository's
// vendored protos (bench/lib/go-extproc.mjs generates them at bench time; nothing generated is
// committed), and each phase gets its reply built per message, as a processor would:
//
//   - request headers: sets `x-a: 1` when the headers carry `:path` (the bench's headers plugin);
//   - request body: replaces a JSON body (first byte `{`) with the -replace-body file's bytes
//     when one is given (the bench's body plugin), else leaves it;
//   - every other phase: the empty reply of its kind, which lets the message through unchanged.
//
// grpc.health.v1 answers SERVING. The process prints "listening <port>" on stdout once it
// accepts connections and exits when its stdin reaches end of file (its parent, the Node
// wrapper bench/lib/server-go.mjs, is gone) or on SIGTERM/SIGINT.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	core "github.com/envoyproxy/go-control-plane/envoy/config/core/v3"
	extproc "github.com/envoyproxy/go-control-plane/envoy/service/ext_proc/v3"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

// processor is the ExternalProcessor service. replaceBody is shared by every reply: grpc-go
// only reads it when it marshals a reply.
type processor struct {
	replaceBody []byte
}

// Process answers every message of one Envoy stream until Envoy half-closes it.
func (p *processor) Process(stream extproc.ExternalProcessor_ProcessServer) error {
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		resp, err := p.reply(req)
		if err != nil {
			return err
		}
		if err := stream.Send(resp); err != nil {
			return err
		}
	}
}

// reply is the answer to one decoded ProcessingRequest.
func (p *processor) reply(req *extproc.ProcessingRequest) (*extproc.ProcessingResponse, error) {
	switch r := req.Request.(type) {
	case *extproc.ProcessingRequest_RequestHeaders:
		common := &extproc.CommonResponse{}
		if hasHeader(r.RequestHeaders.GetHeaders(), ":path") {
			common.HeaderMutation = &extproc.HeaderMutation{
				SetHeaders: []*core.HeaderValueOption{{
					Header: &core.HeaderValue{Key: "x-a", RawValue: []byte("1")},
				}},
			}
		}
		return &extproc.ProcessingResponse{Response: &extproc.ProcessingResponse_RequestHeaders{
			RequestHeaders: &extproc.HeadersResponse{Response: common},
		}}, nil
	case *extproc.ProcessingRequest_ResponseHeaders:
		return &extproc.ProcessingResponse{Response: &extproc.ProcessingResponse_ResponseHeaders{
			ResponseHeaders: &extproc.HeadersResponse{},
		}}, nil
	case *extproc.ProcessingRequest_RequestBody:
		common := &extproc.CommonResponse{}
		body := r.RequestBody.GetBody()
		if p.replaceBody != nil && len(body) > 0 && body[0] == '{' {
			common.BodyMutation = &extproc.BodyMutation{
				Mutation: &extproc.BodyMutation_Body{Body: p.replaceBody},
			}
		}
		return &extproc.ProcessingResponse{Response: &extproc.ProcessingResponse_RequestBody{
			RequestBody: &extproc.BodyResponse{Response: common},
		}}, nil
	case *extproc.ProcessingRequest_ResponseBody:
		return &extproc.ProcessingResponse{Response: &extproc.ProcessingResponse_ResponseBody{
			ResponseBody: &extproc.BodyResponse{},
		}}, nil
	case *extproc.ProcessingRequest_RequestTrailers:
		return &extproc.ProcessingResponse{Response: &extproc.ProcessingResponse_RequestTrailers{
			RequestTrailers: &extproc.TrailersResponse{},
		}}, nil
	case *extproc.ProcessingRequest_ResponseTrailers:
		return &extproc.ProcessingResponse{Response: &extproc.ProcessingResponse_ResponseTrailers{
			ResponseTrailers: &extproc.TrailersResponse{},
		}}, nil
	default:
		return nil, status.Error(codes.InvalidArgument, "ProcessingRequest without a request phase")
	}
}

// hasHeader reports whether the header map holds a header named key.
func hasHeader(headers *core.HeaderMap, key string) bool {
	for _, h := range headers.GetHeaders() {
		if h.GetKey() == key {
			return true
		}
	}
	return false
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	replaceBodyFile := flag.String("replace-body", "", "file whose bytes replace every JSON request body")
	flag.Parse()

	p := &processor{}
	if *replaceBodyFile != "" {
		body, err := os.ReadFile(*replaceBodyFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "extproc-server:", err)
			os.Exit(2)
		}
		p.replaceBody = body
	}
	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "extproc-server:", err)
		os.Exit(1)
	}
	server := grpc.NewServer()
	extproc.RegisterExternalProcessorServer(server, p)
	healthServer := health.NewServer()
	healthServer.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	healthServer.SetServingStatus("envoy.service.ext_proc.v3.ExternalProcessor", healthpb.HealthCheckResponse_SERVING)
	healthpb.RegisterHealthServer(server, healthServer)

	// Stop on end of stdin (the parent is gone, even killed) or on a signal. Stop, not
	// GracefulStop: the benchmark asks for an exit, and in-flight streams do not matter then.
	go func() {
		io.Copy(io.Discard, os.Stdin)
		server.Stop()
	}()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-signals
		server.Stop()
	}()

	out := bufio.NewWriter(os.Stdout)
	// GOMAXPROCS follows the CPU affinity at start: 1 under `taskset -c 0`.
	fmt.Fprintf(out, "listening %d gomaxprocs %d %s\n", lis.Addr().(*net.TCPAddr).Port, runtime.GOMAXPROCS(0), runtime.Version())
	out.Flush()
	if err := server.Serve(lis); err != nil {
		fmt.Fprintln(os.Stderr, "extproc-server:", err)
		os.Exit(1)
	}
}
