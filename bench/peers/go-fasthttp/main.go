// Hello-world peer for the bench/ harness on valyala/fasthttp: one process, run with GOMAXPROCS=1 by the harness.
// GET / answers "Hello world!", GET /json a JSON object marshalled per request with encoding/json,
// POST /echo the request body; anything else 404. fasthttp adds the Date header (refreshed once a second).
//
// Built in GOPATH mode against Debian's golang-github-valyala-fasthttp-dev (no module proxy):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o target/go-fasthttp-peer main.go
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"runtime"
	"strconv"

	"github.com/valyala/fasthttp"
)

type message struct {
	Message string `json:"message"`
}

var hello = []byte("Hello world!")

func handle(ctx *fasthttp.RequestCtx) {
	path := string(ctx.Path()) // the compiler does not allocate for a string conversion used only in a switch
	switch {
	case path == "/" && ctx.IsGet():
		ctx.SetContentType("text/plain; charset=utf-8")
		ctx.SetBody(hello)
	case path == "/json" && ctx.IsGet():
		body, err := json.Marshal(message{Message: "Hello, World!"})
		if err != nil {
			ctx.Error(err.Error(), fasthttp.StatusInternalServerError)
			return
		}
		ctx.SetContentType("application/json")
		ctx.SetBody(body)
	case path == "/echo" && ctx.IsPost():
		ctx.SetContentType("application/octet-stream")
		ctx.SetBody(ctx.PostBody())
	default:
		ctx.SetStatusCode(fasthttp.StatusNotFound)
	}
}

func main() {
	host := flag.String("host", "127.0.0.1", "address to listen on")
	port := flag.Int("port", 8080, "port to listen on")
	flag.Parse()
	addr := net.JoinHostPort(*host, strconv.Itoa(*port))
	ln, err := net.Listen("tcp4", addr)
	if err != nil {
		log.Fatal(err)
	}
	server := &fasthttp.Server{Handler: handle, NoDefaultServerHeader: true}
	fmt.Printf("go-fasthttp-peer listening on %s (GOMAXPROCS=%d)\n", addr, runtime.GOMAXPROCS(0))
	log.Fatal(server.Serve(ln))
}
