FROM
RUN apt install <<EOF
\;EOF
