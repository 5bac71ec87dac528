// Command logged is the oracle for the log lines kube-tls-doctor reports beside a
// client's bare message: what a Go HTTP client's error reads when TLS verification of a
// server fails (crypto/tls's wrapper and net/http's url.Error around the x509 error).
//
// It reads a JSON array of cases on stdin; for each it serves the case's certificate on
// 127.0.0.1 and sends Method to URL with an http.Client whose dialler always reaches that
// listener (so the URL's host is only the name checked), RootCAs = the case's roots and
// the clock set to Now. It prints a JSON array of err.Error() (null on success). Standard
// library only.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"time"
)

type oracleCase struct {
	CertPem  string   `json:"certPem"`
	KeyPem   string   `json:"keyPem"`
	RootsPem []string `json:"rootsPem"`
	Method   string   `json:"method"`
	URL      string   `json:"url"`
	Now      string   `json:"now"`
}

func run(c oracleCase) (*string, error) {
	pair, err := tls.X509KeyPair([]byte(c.CertPem), []byte(c.KeyPem))
	if err != nil {
		return nil, err
	}
	listener, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{pair}})
	if err != nil {
		return nil, err
	}
	defer listener.Close()
	go func() {
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			go func() {
				_ = conn.(*tls.Conn).Handshake()
				conn.Close()
			}()
		}
	}()
	now, err := time.Parse(time.RFC3339, c.Now)
	if err != nil {
		return nil, err
	}
	roots := x509.NewCertPool()
	for _, root := range c.RootsPem {
		roots.AppendCertsFromPEM([]byte(root))
	}
	address := listener.Addr().String()
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, address)
		},
		TLSClientConfig: &tls.Config{RootCAs: roots, Time: func() time.Time { return now }},
	}}
	request, err := http.NewRequest(c.Method, c.URL, nil)
	if err != nil {
		return nil, err
	}
	response, err := client.Do(request)
	if err != nil {
		text := err.Error()
		return &text, nil
	}
	response.Body.Close()
	return nil, nil
}

func main() {
	var cases []oracleCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		os.Stderr.WriteString(err.Error())
		os.Exit(2)
	}
	answers := make([]*string, 0, len(cases))
	for _, c := range cases {
		answer, err := run(c)
		if err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(2)
		}
		answers = append(answers, answer)
	}
	_ = json.NewEncoder(os.Stdout).Encode(answers)
}
