FROM golang:1.22 AS build
USER 1000
RUN go build -o /tmp/app .

FROM debian:12
COPY --from=build /tmp/app /app
ENTRYPOINT ["/app"]
