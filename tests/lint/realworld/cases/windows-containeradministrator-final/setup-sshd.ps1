Start-Service sshd
