import math
from dataclasses import dataclass


@dataclass
class Joint:
    name: str
    angle: float  # degrees

    def point(self, length: float) -> tuple[float, float]:
        rad = math.radians(self.angle)
        return (length * math.cos(rad), length * math.sin(rad))


if __name__ == "__main__":
    print(Joint("hip", 45.0).point(10))
