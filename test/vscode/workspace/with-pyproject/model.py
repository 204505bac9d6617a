import keras

model = keras.Sequential([
    keras.layers.Dense(32, use_bias=False),
    keras.layers.GaussianDropout(0.1),
    keras.layers.BatchNormalization(),
    keras.layers.ReLU(),
    keras.layers.Dense(1),
])
