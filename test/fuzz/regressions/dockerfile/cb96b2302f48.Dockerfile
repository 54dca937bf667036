FROM debian:12
RUN apt-get updatep /var/tmp && mkdir -m 1777 /app/tmp
RUN echo "never chmod 777 anything" > /NOTES && chmod "$MODE" /app
COPY --chmod=755 entrypoint.sh /usr/local/bin/
COPY --chmod=1777 tmp/ /tmp/
 FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
RUN true \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && echo x \
  && true
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
FROM scratch
&& apt-get install -y --no-install-recommends curl
RUN apt-get install -y --no-install-recommends git
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN -y --no-install-recommends git
