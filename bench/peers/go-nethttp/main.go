// Hello-world peer for the bench/ harness on Go's net/http: one process, run with GOMAXPROCS=1 by the harness
// (net/http still serves each connection on its own goroutine). GET / answers "Hello world!", GET /json a JSON
// object marshalled per request with encoding/json, POST /echo the request body; anything else 404.
// net/http adds the Date header.
//
// Standard library only; built in GOPATH mode like the fasthttp peer:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o target/go-nethttp-peer main.go
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"runtime"
	"strconv"
)

type message struct {
	Message string `json:"message"`
}

var hello = []byte("Hello world!")

func send(w http.ResponseWriter, contentType string, body []byte) {
	h := w.Header()
	// Assigned directly: Header().Set would canonicalise the names on every call.
	h["Content-Type"] = []string{contentType}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.Write(body)
}

func handle(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/" && r.Method == http.MethodGet:
		send(w, "text/plain; charset=utf-8", hello)
	case r.URL.Path == "/json" && r.Method == http.MethodGet:
		body, err := json.Marshal(message{Message: "Hello, World!"})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		send(w, "application/json", body)
	case r.URL.Path == "/echo" && r.Method == http.MethodPost:
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		send(w, "application/octet-stream", body)
	default:
		w.Header()["Content-Length"] = []string{"0"}
		w.WriteHeader(http.StatusNotFound)
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
	fmt.Printf("go-nethttp-peer listening on %s (GOMAXPROCS=%d)\n", addr, runtime.GOMAXPROCS(0))
	log.Fatal(http.Serve(ln, http.HandlerFunc(handle)))
}
