// The Go reference for the gateway's throughput budget (bench/README.md):
// net/http/httputil.ReverseProxy in front of the bench upstream, adding the
// same bearer the gateway adds, with an idle pool tuned for 64 connections.
// Run with GOMAXPROCS=1 so it gets one core, like the gateway's one thread.
package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"
)

func main() {
	upstream := os.Getenv("BENCH_UPSTREAM_PORT")
	token := os.Getenv("BENCH_UPSTREAM_TOKEN")
	if upstream == "" || token == "" {
		fmt.Fprintln(os.Stderr, "BENCH_UPSTREAM_PORT and BENCH_UPSTREAM_TOKEN are required")
		os.Exit(2)
	}
	target, err := url.Parse("http://127.0.0.1:" + upstream)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad upstream port:", err)
		os.Exit(2)
	}
	bearer := "Bearer " + token
	proxy := httputil.NewSingleHostReverseProxy(target)
	director := proxy.Director
	proxy.Director = func(req *http.Request) {
		director(req)
		req.Header.Set("Authorization", bearer)
		req.Header.Del("Cookie")
	}
	proxy.Transport = &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        256,
		MaxIdleConnsPerHost: 256,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "listen:", err)
		os.Exit(1)
	}
	fmt.Printf("{\"ready\":true,\"port\":%d}\n", listener.Addr().(*net.TCPAddr).Port)
	if err := http.Serve(listener, proxy); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}
