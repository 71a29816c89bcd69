from debian:12
run useradd app
user app
cmd ["/app"]
